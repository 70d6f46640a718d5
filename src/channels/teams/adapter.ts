import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Config } from '../../config.js';

/**
 * TeamsAdapter is botbuilder's CloudAdapter with a ConfigurationBotFrameworkAuthentication built from
 * the standard settings. With no MicrosoftAppId (local mode) the credential factory is empty and
 * CloudAdapter skips token validation entirely, which is why local mode binds to loopback only.
 */
export function createTeamsAdapter(microsoft: Config['microsoft']): TeamsAdapter {
  const settings = microsoft.appId
    ? {
        MicrosoftAppId: microsoft.appId,
        MicrosoftAppPassword: microsoft.appPassword,
        MicrosoftAppType: microsoft.appType,
        MicrosoftAppTenantId: microsoft.tenantId,
      }
    : {};
  return new TeamsAdapter(settings, new ConfigurationServiceClientCredentialFactory(settings));
}
