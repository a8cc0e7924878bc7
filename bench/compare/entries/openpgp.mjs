export { generateKey, createMessage, readMessage, encrypt, decrypt } from 'openpgp';
