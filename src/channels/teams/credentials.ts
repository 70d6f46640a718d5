import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { ServiceClientCredentialsFactory, type ServiceClientCredentials } from 'botframework-connector';

/** The Microsoft app settings botbuilder's ConfigurationServiceClientCredentialFactory reads. */
export interface MicrosoftAppSettings {
  MicrosoftAppId?: string;
  MicrosoftAppPassword?: string;
  MicrosoftAppType?: string;
  MicrosoftAppTenantId?: string;
}

/**
 * The bot's credential factory: botbuilder's ConfigurationServiceClientCredentialFactory, held so it
 * can be replaced while the server runs (a rotated client secret). Every credential, token and
 * validation call goes to botbuilder's factory; `version` changes on each replacement, and the
 * connector clients kept per version (connector-clients.ts) are then built again from the new one.
 */
export class TeamsCredentials extends ServiceClientCredentialsFactory {
  #factory: ConfigurationServiceClientCredentialFactory;
  #version = 0;

  constructor(settings: MicrosoftAppSettings) {
    super();
    this.#factory = new ConfigurationServiceClientCredentialFactory(settings);
  }

  /** Changes on every replace(): part of the key connector clients are kept under. */
  get version(): number {
    return this.#version;
  }

  /** From now on, credentials come from these settings; clients built from the old ones are not reused. */
  replace(settings: MicrosoftAppSettings): void {
    this.#factory = new ConfigurationServiceClientCredentialFactory(settings);
    this.#version += 1;
  }

  isValidAppId(appId: string): Promise<boolean> {
    return this.#factory.isValidAppId(appId);
  }

  isAuthenticationDisabled(): Promise<boolean> {
    return this.#factory.isAuthenticationDisabled();
  }

  createCredentials(
    appId: string,
    audience: string | undefined,
    loginEndpoint: string,
    validateAuthority: boolean,
  ): Promise<ServiceClientCredentials> {
    // Its types say string, but it passes undefined on to the credentials (their default scope), as the base class allows.
    return this.#factory.createCredentials(appId, audience as string, loginEndpoint, validateAuthority);
  }
}
