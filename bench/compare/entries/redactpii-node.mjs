export { Redactor } from '@redactpii/node';
