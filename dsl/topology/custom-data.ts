/**
 * The scale set's customData: the cloud-config from `dsl/cloud-init/`, rendered with
 * marker values that are then replaced by template expressions, base64-encoded at
 * deployment time.
 */
import { renderCloudConfig, type SettingName } from '../cloud-init';
import { markerSettings } from '../cloud-init/marker-settings';
import { type Value, base64, interpolation } from '../core/expression';

/** Splits the rendered document on each marker and puts the setting's expression in its place. */
export function cloudConfigValue(settings: Readonly<Record<SettingName, Value>>): Value {
  const markers = markerSettings();
  let parts: Value[] = [renderCloudConfig(markers)];

  for (const [name, marker] of Object.entries(markers) as Array<[SettingName, string]>) {
    parts = parts.flatMap((part) => {
      if (typeof part !== 'string' || !part.includes(marker)) {
        return [part];
      }
      const pieces = part.split(marker);
      return pieces.flatMap((piece, index) => (index === 0 ? [piece] : [settings[name], piece]));
    });
  }
  return interpolation(parts);
}

export function customDataValue(settings: Readonly<Record<SettingName, Value>>): Value {
  return base64(cloudConfigValue(settings));
}
