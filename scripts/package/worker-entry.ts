/**
 * Entry point of the bundled `service/worker.js`, which serves two roles at once.
 * Bundled piscina starts its own worker script from `worker.js` beside the bundle (it
 * resolves that name against __dirname, which is the bundle's folder), and the service
 * passes the same `worker.js` to piscina as its task file. So this file is piscina's worker
 * loop and also exports the service's task functions, which piscina then requires.
 */
// Resolved by the bundler to piscina's dist/worker.js (see ./bundle).
import 'piscina-worker-loop';

export * from '../../service/src/cpu-worker';
