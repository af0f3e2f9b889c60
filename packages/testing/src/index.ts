export { isLoopback, NetworkGuardError } from './network-guard.ts';
export { REPO_ROOT, sharedPath } from './shared.ts';
