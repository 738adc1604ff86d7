// The bundler resolves this specifier to piscina's worker loop (see ./bundle).
declare module 'piscina-worker-loop';
