// Forwarder for oauth/ only, until the oauthverbs branch imports sandbox/seed; then delete it.
export { createSandboxApp, seedDemo } from '../../sandbox/seed/demo';
