import type { ServerResponse } from 'node:http';
import { InstallProvider, type CallbackOptions, type InstallURLOptions } from '@slack/oauth';
import { webApi, type App, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Server } from 'restify';
import { SLACK_BOT_SCOPES, type SlackOAuth } from '../../config.js';
import { isServed, NOT_SET_UP_FOR_YOUR_ORGANISATION } from '../../core/organisations.js';
import type { Store } from '../../core/store/store.js';
import { StoreInstallations } from './installation-store.js';

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

export interface InstallFlowDeps {
  oauth: SlackOAuth;
  store: Store;
  /** ALLOWED_SLACK_TEAMS: a workspace not listed is refused at the end of the flow, nothing kept. */
  allowedTeams?: ReadonlySet<string>;
  /** The Web API client's options (SLACK_API_URL, time limits): oauth.v2.access and auth.test go there. */
  clientOptions: webApi.WebClientOptions;
  boltLogger: BoltLogger;
  logger: Logger;
}

/**
 * Bolt's OAuth install flow (@slack/oauth's InstallProvider) on the shared restify server:
 * `GET /slack/install` sets the state cookie and links to Slack's authorize page; Slack sends the
 * installer back to `GET /slack/oauth_redirect`, where the code is exchanged (oauth.v2.access), the
 * workspace checked against ALLOWED_SLACK_TEAMS, and its bot token kept in our Store. `installer`
 * is the name Bolt's App looks for on a receiver: it then authorises each request from that store.
 */
export class InstallFlow {
  readonly installer: InstallProvider;
  private readonly installations: StoreInstallations;
  readonly #urlOptions: InstallURLOptions;
  readonly #callbacks: CallbackOptions;

  constructor(private readonly deps: InstallFlowDeps) {
    this.installations = new StoreInstallations(deps.store);
    const { slackApiUrl, timeout, retryConfig } = deps.clientOptions;
    this.installer = new InstallProvider({
      clientId: deps.oauth.clientId,
      clientSecret: deps.oauth.clientSecret,
      stateSecret: deps.oauth.stateSecret,
      installationStore: this.installations,
      logger: deps.boltLogger,
      clientOptions: { slackApiUrl, timeout, retryConfig },
      renderHtmlForInstallPath: installPage,
    });
    this.#urlOptions = { scopes: [...SLACK_BOT_SCOPES], redirectUri: deps.oauth.redirectUri };
    this.#callbacks = { afterInstallation: (installation, _o, _req, res) => this.#served(installation, res) };
  }

  mount(server: Server): void {
    server.get(INSTALL_PATH, async (req, res) => {
      await this.installer.handleInstallPath(req, res, {}, this.#urlOptions);
    });
    server.get(REDIRECT_PATH, async (req, res) => {
      await this.installer.handleCallback(req, res, this.#callbacks);
    });
  }

  /** Uninstalling the app (or revoking its token) deletes the workspace's stored install. */
  forgetOnUninstall(app: App): void {
    const forget = async ({
      context,
    }: {
      context: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean };
    }) => {
      await this.installations.deleteInstallation({
        teamId: context.teamId,
        enterpriseId: context.enterpriseId,
        isEnterpriseInstall: context.isEnterpriseInstall === true,
      });
      this.deps.logger.info(
        { team: context.teamId, enterprise: context.enterpriseId },
        'slack: installation removed',
      );
    };
    app.event('app_uninstalled', forget);
    app.event('tokens_revoked', forget);
  }

  /** A workspace the partnership does not serve: the token is revoked, not kept; a page says why. */
  async #served(
    installation: { team?: { id?: string }; enterprise?: { id?: string }; bot?: { token?: string } },
    res: ServerResponse,
  ): Promise<boolean> {
    const allowed = this.deps.allowedTeams;
    const team = installation.team?.id;
    const enterprise = installation.enterprise?.id;
    if (!allowed || isServed(allowed, team) || isServed(allowed, enterprise)) {
      this.deps.logger.info({ team, enterprise }, 'slack: workspace installed the app');
      return true;
    }
    this.deps.logger.warn({ team, enterprise }, 'slack: install from a workspace not served, refused');
    const token = installation.bot?.token;
    if (token) {
      await new webApi.WebClient(token, this.deps.clientOptions).auth.revoke().catch((err: unknown) => {
        this.deps.logger.warn({ err }, 'slack: could not revoke the refused install token');
      });
    }
    res.writeHead(403, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><html lang="en"><title>Not set up</title><p>${NOT_SET_UP_FOR_YOUR_ORGANISATION}</p></html>`,
    );
    return false;
  }
}

/** The install page: one link to Slack's authorize page, nothing loaded from elsewhere. */
function installPage(authorizeUrl: string): string {
  const href = authorizeUrl.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>Add Safeguarding Guide to Slack</title>
<h1>Safeguarding Guide for Slack</h1>
<p>A workspace administrator adds the app once; it then answers in that workspace only.</p>
<p><a id="add-to-slack" href="${href}">Add to Slack</a></p></html>`;
}
