// Forwarder for oauth/ only, until the oauthverbs branch imports sandbox/seed; then delete it.
export { createSandbox, seedSandboxCustomers } from '../../sandbox/seed/sandbox';
