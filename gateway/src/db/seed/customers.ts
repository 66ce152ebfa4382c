// Forwarder for oauth/ only, until the oauthverbs branch imports sandbox/seed; then delete it.
export { SANDBOX_ONE_TIME_CODE } from '../../sandbox/seed/customers';
