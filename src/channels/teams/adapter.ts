// botbuilder's own copy (4.23.3, the only one in the tree): CloudAdapter maps errors to 401 by `instanceof` this class.
import { AuthenticationError, type BotFrameworkAuthentication } from 'botframework-connector';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Config } from '../../config.js';
import { limitedForTurn } from './time-limits.js';
import { keepClients } from './connector-clients.js';
import { TeamsCredentials } from './credentials.js';

/**
 * TeamsAdapter is botbuilder's CloudAdapter with a ConfigurationBotFrameworkAuthentication built from
 * the standard settings. With no MicrosoftAppId (local mode) the credential factory is empty and
 * CloudAdapter skips token validation entirely, which is why local mode binds to loopback only.
 */
/** botframework-connector's AuthenticationConstants for the public Azure cloud. */
const PUBLIC_CLOUD = {
  ValidateAuthority: true,
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  CallerId: 'urn:botframework:azure',
};

export interface AdapterOverrides {
  /**
   * Where to read the Bot Framework token signing keys (OpenID metadata) instead of the public
   * cloud default: for sovereign clouds, and for tests that stand in for the login service.
   */
  openIdMetadataUrl?: string;
  /** Told why a request was refused as unauthenticated (the response says only "Unauthorized."). */
  onAuthRefused?: (reason: string) => void;
  /** Receives the credential factory, to replace the credentials later (a rotated secret). */
  onCredentials?: (credentials: TeamsCredentials) => void;
  /**
   * `false` builds a connector client for every turn, as botbuilder does by default (the benchmark's
   * and the equivalence test's reference); default: clients are kept (connector-clients.ts).
   */
  keepClients?: boolean;
}

export function createTeamsAdapter(
  microsoft: Config['microsoft'],
  overrides: AdapterOverrides = {},
): TeamsAdapter {
  const settings = microsoft.appId
    ? {
        MicrosoftAppId: microsoft.appId,
        MicrosoftAppPassword: microsoft.appPassword,
        MicrosoftAppType: microsoft.appType,
        MicrosoftAppTenantId: microsoft.tenantId,
        ...(overrides.openIdMetadataUrl && {
          // Setting any one of these makes botbuilder expect all of them (BotFrameworkAuthenticationFactory):
          // the public-cloud values, with only the metadata location changed.
          ...PUBLIC_CLOUD,
          ToBotFromChannelOpenIdMetadataUrl: overrides.openIdMetadataUrl,
          ToBotFromEmulatorOpenIdMetadataUrl: overrides.openIdMetadataUrl,
        }),
      }
    : {};
  const credentials = new TeamsCredentials(settings);
  overrides.onCredentials?.(credentials);
  const adapter = new TeamsAdapter(settings, credentials);
  wrapAuthentication(adapter, credentials, overrides);
  return adapter;
}

/**
 * Three changes to how a request is authenticated. Any failure is a 401 whose body says only
 * "Unauthorized." (the reason goes to the log): botframework-connector rethrows jsonwebtoken's errors
 * as they are ("invalid signature"), and a login service that cannot be reached ("Failed to load
 * openID config: 500") became a 500 carrying that text. The connector client and the user token
 * client are kept between turns (connector-clients.ts) instead of being built for every activity.
 * And the turn gets each connector client (made by the result's factory) as a view with the turn's
 * time limits (time-limits.ts).
 */
function wrapAuthentication(
  adapter: TeamsAdapter,
  credentials: TeamsCredentials,
  overrides: AdapterOverrides,
): void {
  // `botFrameworkAuthentication` is protected on CloudAdapterBase; TeamsAdapter gives no other way in.
  const auth = (adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication })
    .botFrameworkAuthentication;
  const authenticate = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    try {
      return await authenticate(activity, authHeader);
    } catch (error) {
      overrides.onAuthRefused?.(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      throw new AuthenticationError('Unauthorized.', 401);
    }
  };
  if (overrides.keepClients !== false) {
    keepClients(auth, { version: () => credentials.version, forTurn: limitedForTurn });
    return;
  }
  const unkept = auth.authenticateRequest;
  auth.authenticateRequest = async (activity, authHeader) => {
    const result = await unkept(activity, authHeader);
    const factory = result.connectorFactory;
    if (factory) {
      const create = factory.create.bind(factory);
      factory.create = async (serviceUrl, audience) =>
        limitedForTurn(await create(serviceUrl, audience), activity);
    }
    return result;
  };
}
