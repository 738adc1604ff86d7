/** Entry point of the cloud-init renderer; the API is documented in ./cloud-config. */
export * from './cloud-config';
