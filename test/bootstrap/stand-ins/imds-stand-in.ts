/**
 * Stand-in for the two Instance Metadata Service endpoints the bootstrap calls: the managed
 * identity token endpoint and the VM name. It checks the request the way IMDS does: the
 * `Metadata: true` header, the API version, the resource and the identity's client id.
 */
import { LoopbackServer, sendJson, startLoopbackServer } from './http-server';

export interface ImdsStandInOptions {
  clientId: string;
  accessToken: string;
  vmName: string;
}

export const storageResource = 'https://storage.azure.com/';

export function startImdsStandIn(options: ImdsStandInOptions): Promise<LoopbackServer> {
  return startLoopbackServer((request, response) => {
    if (request.headers.metadata !== 'true') {
      sendJson(response, 400, { error: 'invalid_request', error_description: 'Required metadata header not specified' });
      return;
    }
    const query = request.url.searchParams;

    if (request.method === 'GET' && request.url.pathname === '/metadata/identity/oauth2/token') {
      if (query.get('api-version') !== '2018-02-01' || query.get('resource') !== storageResource) {
        sendJson(response, 400, { error: 'invalid_request', error_description: `unexpected query ${request.url.search}` });
        return;
      }
      if (query.get('client_id') !== options.clientId) {
        sendJson(response, 400, { error: 'invalid_request', error_description: 'Identity not found' });
        return;
      }
      sendJson(response, 200, {
        access_token: options.accessToken,
        client_id: options.clientId,
        expires_in: '86399',
        expires_on: '1893456000',
        not_before: '1893369600',
        resource: storageResource,
        token_type: 'Bearer',
      });
      return;
    }

    if (request.method === 'GET' && request.url.pathname === '/metadata/instance/compute/name' && query.get('format') === 'text') {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end(options.vmName);
      return;
    }

    sendJson(response, 404, { error: 'Not found' });
  });
}
