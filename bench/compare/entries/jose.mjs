export { GeneralEncrypt, generalDecrypt, generateKeyPair } from 'jose';
