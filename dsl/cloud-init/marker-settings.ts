import { SettingName, settingNames } from './settings';

/** Unique marker strings, as the topology passes them to splice template expressions in. */
export function markerSettings(): Record<SettingName, string> {
  return Object.fromEntries(settingNames.map((name) => [name, `@@CLOUD_INIT_${name}@@`])) as Record<SettingName, string>;
}
