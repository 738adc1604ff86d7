/**
 * Stand-in for Azure Blob Storage's Get Blob on one blob. It rejects a request without the
 * expected bearer token or without `x-ms-version`, as the real service does, and can respond with
 * 403 for the first requests, as storage does while a new role assignment propagates.
 */
import { readFileSync } from 'node:fs';
import { ServerResponse } from 'node:http';

import { LoopbackServer, startLoopbackServer } from './http-server';

export interface BlobStandInOptions {
  /** Path of the blob, such as /releases/vmss-autoscaling-0.0.0-test.tar.xz. */
  blobPath: string;
  file: string;
  accessToken: string;
  /** Number of authorised requests rejected with 403 before the blob is served. */
  forbiddenRequests?: number;
}

function sendStorageError(response: ServerResponse, status: number, code: string, message: string): void {
  response.writeHead(status, { 'content-type': 'application/xml', 'x-ms-error-code': code });
  response.end(`<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`);
}

export function startBlobStandIn(options: BlobStandInOptions): Promise<LoopbackServer> {
  let forbiddenLeft = options.forbiddenRequests ?? 0;

  return startLoopbackServer((request, response) => {
    if (!request.headers['x-ms-version']) {
      sendStorageError(response, 400, 'MissingRequiredHeader', 'An HTTP header that is mandatory for this request is not specified.');
      return;
    }
    if (request.headers.authorization !== `Bearer ${options.accessToken}`) {
      sendStorageError(response, 401, 'InvalidAuthenticationInfo', 'Authentication information is not given in the correct format.');
      return;
    }
    if (forbiddenLeft > 0) {
      forbiddenLeft -= 1;
      sendStorageError(response, 403, 'AuthorizationPermissionMismatch', 'This request is not authorized to perform this operation using this permission.');
      return;
    }
    if (request.method !== 'GET' || request.url.pathname !== options.blobPath) {
      sendStorageError(response, 404, 'BlobNotFound', 'The specified blob does not exist.');
      return;
    }

    const body = readFileSync(options.file);
    response.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': String(body.length),
      'x-ms-blob-type': 'BlockBlob',
    });
    response.end(body);
  });
}
