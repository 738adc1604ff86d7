/** The project version from package.json. esbuild inlines the JSON into the bundle. */
import packageJson from '../../package.json';

export const SERVICE_NAME: string = packageJson.name;
export const SERVICE_VERSION: string = packageJson.version;
