import {
  AuthenticationConstants,
  type BotFrameworkAuthentication,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';

/**
 * Connector clients kept between turns. botbuilder builds a new ConnectorClient (credentials, request
 * pipeline, HTTP agent) and a new UserTokenClient for every activity, and the new agent means a new
 * TCP connection for every reply. The clients themselves hold no per-turn state: the token cache is
 * botbuilder's own (static, per app id and scope). So one client per (app id, service URL, audience, credentials version) serves
 * every turn; it is still made by botbuilder's own factory, so authentication, retries and token
 * refresh stay the library's. (The turn time limit is a per-turn view of the kept client: `forTurn`.)
 *
 * Bounded: service URLs come from authenticated activities (Teams has a handful per region), but in
 * local mode any loopback URL is accepted, so the least recently used client goes past `limit`.
 */
export class KeptClients<T> {
  readonly #clients = new Map<string, Promise<T>>();

  constructor(readonly limit = 64) {}

  get size(): number {
    return this.#clients.size;
  }

  /** The client kept under `key`, or a new one from `create` (shared by turns that arrive meanwhile). */
  get(key: string, create: () => Promise<T>): Promise<T> {
    const kept = this.#clients.get(key);
    if (kept) {
      // Most recently used last: Map iteration order is insertion order.
      this.#clients.delete(key);
      this.#clients.set(key, kept);
      return kept;
    }
    const made = create();
    this.#clients.set(key, made);
    // A factory that failed (a credential error) is asked again next time, not remembered.
    made.catch(() => {
      if (this.#clients.get(key) === made) this.#clients.delete(key);
    });
    while (this.#clients.size > this.limit) {
      const oldest = this.#clients.keys().next().value as string;
      this.#clients.delete(oldest);
    }
    return made;
  }
}

export interface KeepOptions {
  /** Changes when the credentials do (TeamsCredentials.version): clients of an old version are not reused. */
  version: () => number;
  /** Run once on each new connector client. */
  prepare?: (client: ConnectorClient) => ConnectorClient;
  /** What the turn of `activity` gets instead of the kept client itself (a view with its time limits). */
  forTurn?: (client: ConnectorClient, activity: object) => ConnectorClient;
  limit?: number;
}

/**
 * Makes a BotFrameworkAuthentication hand out kept clients: the connector factory of each
 * authenticated request returns the client for its app id, service URL and audience, and
 * createUserTokenClient the one for its app id, each built by botbuilder's own factory the first
 * time only. The factory objects stay botbuilder's (CloudAdapter keeps the connector factory in the
 * turn state, for other service URLs, which are kept the same way).
 */
export function keepClients(auth: BotFrameworkAuthentication, options: KeepOptions): void {
  const connectors = new KeptClients<ConnectorClient>(options.limit);
  const prepare = options.prepare ?? ((client) => client);
  const authenticate = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    const result = await authenticate(activity, authHeader);
    const factory = result.connectorFactory;
    if (factory) {
      // ConnectorFactoryImpl's app id (from the request's claims) is a field its types leave out.
      const appId = String((factory as unknown as { appId?: unknown }).appId ?? '');
      const create = factory.create.bind(factory);
      factory.create = async (serviceUrl, audience) => {
        const client = await connectors.get(
          clientKey(appId, serviceUrl, audience ?? '', options.version()),
          async () => prepare(await create(serviceUrl, audience)),
        );
        return options.forTurn ? options.forTurn(client, activity) : client;
      };
    }
    return result;
  };

  const tokenClients = new KeptClients<UserTokenClient>(options.limit);
  const createUserTokenClient = auth.createUserTokenClient.bind(auth);
  auth.createUserTokenClient = (claimsIdentity) => {
    // The app id botbuilder builds the client for (ParameterizedBotFrameworkAuthentication's getAppId).
    const appId =
      claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ??
      claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ??
      '';
    return tokenClients.get(clientKey(appId, '', '', options.version()), () =>
      createUserTokenClient(claimsIdentity),
    );
  };
}

function clientKey(appId: string, serviceUrl: string, audience: string, version: number): string {
  return JSON.stringify([appId, serviceUrl, audience, version]);
}
