// A certified OpenID provider (panva's oidc-provider) on loopback, for the sign-in tests.
//
// Configured from the environment: OIDC_PORT, OIDC_CLIENTS (JSON client metadata: ids, secrets, redirect and
// post-log-out URIs), OIDC_ACCOUNTS_FILE (a JSON file {login: claims}, read at every sign-in so a test can change
// an account's groups). Its own development pages ask for a login (any password); the login names an account.
// Prints "listening <issuer>" once it answers.
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';

import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const issuer = `http://127.0.0.1:${port}`;
const accounts = () => JSON.parse(readFileSync(process.env.OIDC_ACCOUNTS_FILE, 'utf8'));
const clients = JSON.parse(process.env.OIDC_CLIENTS || '[]');
// Clients whose codes expire after one second: the expired-code case.
const shortLived = new Set(clients.filter((c) => c.short_lived_codes).map((c) => c.client_id));
for (const client of clients) delete client.short_lived_codes;

const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

const provider = new Provider(issuer, {
  clients,
  jwks: { keys: [{ ...signingKey, kid: 'test-signing-key', use: 'sig', alg: 'RS256' }] },
  cookies: { keys: ['a test provider only, on loopback'] },
  async findAccount(ctx, id) {
    if (!Object.hasOwn(accounts(), id)) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...accounts()[id] }; } };
  },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'preferred_username', 'nickname'],
    groups: ['groups'],
  },
  // Claims of the scopes asked for go into the ID token too, as most providers do.
  conformIdTokenClaims: false,
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  pkce: { required: (ctx, client) => !client.clientId.startsWith('no-pkce') },
  ttl: {
    AuthorizationCode: (ctx, token, client) => (shortLived.has(client.clientId) ? 1 : 60),
  },
});
provider.proxy = false;

provider.listen(port, '127.0.0.1', () => {
  console.log(`listening ${issuer}`);
});
