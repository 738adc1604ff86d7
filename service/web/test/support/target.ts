/**
 * The server the page tests run against: the real service by default, or the
 * in-memory stand-in when WEB_TEST_TARGET=stand-in (for work on the page while
 * the service cannot start).
 */
import { join } from 'node:path';
import { startService } from './service-process';
import { startStandIn } from './stand-in-service';

export interface Target {
  url: string;
  stop(): Promise<void>;
}

export const publicDir = join(__dirname, '..', '..', '..', 'public');

export async function startTarget(env: Record<string, string> = {}): Promise<Target> {
  if (process.env.WEB_TEST_TARGET === 'stand-in') {
    const standIn = await startStandIn({ publicDir, instanceIds: [env.INSTANCE_ID ?? 'web-test-0'] });
    return { url: standIn.url, stop: () => standIn.close() };
  }
  const service = await startService({ instanceId: env.INSTANCE_ID, env });
  return { url: service.url, stop: () => service.stop() };
}
