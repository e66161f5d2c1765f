export { inTransaction } from './sqlite-transactions';
