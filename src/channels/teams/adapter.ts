import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
// botbuilder's own copy (4.23.3, the only one in the tree): CloudAdapter maps errors to 401 by `instanceof` this class.
import { AuthenticationError, type BotFrameworkAuthentication } from 'botframework-connector';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Config } from '../../config.js';
import { limitConnectorCalls } from './time-limits.js';

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
  const adapter = new TeamsAdapter(settings, new ConfigurationServiceClientCredentialFactory(settings));
  wrapAuthentication(adapter);
  return adapter;
}

/** jsonwebtoken's error names for a token that is forged, tampered with, or not yet valid. */
const JWT_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/**
 * Two changes to how a request is authenticated. botframework-connector rethrows jsonwebtoken's errors
 * as they are (e.g. "invalid signature" for a token claiming a real key id but signed by another key),
 * and CloudAdapter answers anything that is not an AuthenticationError with 500: a forged token is a
 * 401. And the turn's connector client (made by the result's factory) gets the turn time limits.
 */
function wrapAuthentication(adapter: TeamsAdapter): void {
  // `botFrameworkAuthentication` is protected on CloudAdapterBase; TeamsAdapter gives no other way in.
  const auth = (adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication })
    .botFrameworkAuthentication;
  const authenticate = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    try {
      const result = await authenticate(activity, authHeader);
      const factory = result.connectorFactory;
      if (factory) {
        const create = factory.create.bind(factory);
        factory.create = async (serviceUrl, audience) =>
          limitConnectorCalls(await create(serviceUrl, audience));
      }
      return result;
    } catch (error) {
      if (error instanceof Error && JWT_ERRORS.has(error.name)) {
        throw new AuthenticationError(`Unauthorized: ${error.message}`, 401);
      }
      throw error;
    }
  };
}
