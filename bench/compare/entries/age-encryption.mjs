export { Encrypter, Decrypter, generateIdentity, identityToRecipient } from 'age-encryption';
