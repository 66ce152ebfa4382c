// oidc-provider ships no types; the bench uses its constructor and listen() only.
declare module 'oidc-provider' {
  export class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    listen(port: number, host?: string): import('node:http').Server;
  }
}
