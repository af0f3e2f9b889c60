export { isLoopback, NetworkGuardError } from './network-guard.ts';
