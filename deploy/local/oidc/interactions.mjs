// The local identity provider's sign-in and consent pages: a username and password form, then a
// "continue to <client>" form. Plain HTML forms, no JavaScript. Anything else is the provider's.
import { escape, page } from './pages.mjs';

const PATH = /^\/interaction\/([\w-]+)(?:\/(login|confirm|abort))?$/;

/** A request handler that answers the interaction routes and says false for every other request. */
export function interactionRoutes(provider, users, password) {
  const byName = new Map(users.map((user) => [user.username, user]));
  return async (req, res) => {
    const url = new URL(req.url, 'http://local');
    const match = PATH.exec(url.pathname);
    if (!match) return false;
    const [, uid, action] = match;
    res.setHeader('cache-control', 'no-store');
    const interaction = await provider.interactionDetails(req, res).catch(() => undefined);
    if (!interaction || interaction.uid !== uid) {
      send(res, 400, page('Sign-in expired', '<p>This sign-in has expired or was already used. Go back to the console and sign in again.</p>'));
      return true;
    }
    const client = await provider.Client.find(interaction.params.client_id);
    const clientName = client?.clientName ?? interaction.params.client_id;
    if (req.method === 'GET' && !action) {
      send(res, 200, interaction.prompt.name === 'login' ? loginPage(uid, clientName) : consentPage(uid, clientName, interaction));
      return true;
    }
    if (req.method !== 'POST') {
      send(res, 405, page('Not allowed', '<p>Use the form.</p>'));
      return true;
    }
    const form = new URLSearchParams(await body(req));
    if (action === 'abort') {
      await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'the user cancelled' }, { mergeWithLastSubmission: false });
      return true;
    }
    if (action === 'login') {
      const user = byName.get(form.get('username') ?? '');
      if (!user || form.get('password') !== password) {
        send(res, 401, loginPage(uid, clientName, 'The username or password is not right.'));
        return true;
      }
      await provider.interactionFinished(req, res, { login: { accountId: user.username, remember: false } }, { mergeWithLastSubmission: false });
      return true;
    }
    if (action === 'confirm') {
      await provider.interactionFinished(req, res, { consent: { grantId: await grant(provider, interaction) } }, { mergeWithLastSubmission: true });
      return true;
    }
    send(res, 404, page('Not found', ''));
    return true;
  };
}

/** Grants what the client asked for and this user has not granted yet (oidc-provider's example shape). */
async function grant(provider, interaction) {
  const { prompt, params, session, grantId } = interaction;
  const current = grantId
    ? await provider.Grant.find(grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = prompt.details;
  if (missingOIDCScope) current.addOIDCScope(missingOIDCScope.join(' '));
  if (missingOIDCClaims) current.addOIDCClaims(missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(missingResourceScopes ?? {})) current.addResourceScope(indicator, scopes.join(' '));
  return current.save();
}

function loginPage(uid, clientName, error) {
  return page(
    'Sign in',
    `<p>to ${escape(clientName)} (local identity provider: the seeded users are listed by <code>npm start</code>)</p>` +
      (error ? `<p role="alert"><strong>${escape(error)}</strong></p>` : '') +
      `<form method="post" action="/interaction/${escape(uid)}/login">` +
      '<p><label for="username">Username</label><br><input id="username" name="username" autocomplete="username" required autofocus></p>' +
      '<p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>' +
      '<p><button type="submit">Sign in</button></p></form>' +
      `<form method="post" action="/interaction/${escape(uid)}/abort"><button type="submit">Cancel</button></form>`,
  );
}

function consentPage(uid, clientName, interaction) {
  const scopes = interaction.params.scope?.split(' ').filter(Boolean) ?? [];
  return page(
    'Allow access',
    `<p>${escape(clientName)} asks to know who you are (${scopes.map(escape).join(', ')}): your name, your roles and your local authority.</p>` +
      `<form method="post" action="/interaction/${escape(uid)}/confirm"><button type="submit">Continue</button></form>` +
      `<form method="post" action="/interaction/${escape(uid)}/abort"><button type="submit">Cancel</button></form>`,
  );
}

function send(res, status, html) {
  res.statusCode = status;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(html);
}

function body(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      data += chunk;
      if (data.length > 10_000) req.destroy(new Error('form too large'));
    });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}
