/**
 * The scale set's customData: the cloud-config from `dsl/cloud-init/`, rendered with
 * marker values that are then replaced by template expressions, base64-encoded at
 * deployment time. The document is written as `join([...lines], '\n')`, one array
 * item per line, so it reads as text in the Bicep file.
 */
import { renderCloudConfig, type SettingName } from '../cloud-init';
import { markerSettings } from '../cloud-init/marker-settings';
import { type Value, base64, call, interpolation } from '../core/expression';

/** Splits one line on each marker and puts the setting's expression in its place. */
function lineValue(line: string, markers: Readonly<Record<SettingName, string>>, settings: Readonly<Record<SettingName, Value>>): Value {
  let parts: Value[] = [line];

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

export function cloudConfigValue(settings: Readonly<Record<SettingName, Value>>): Value {
  const markers = markerSettings();
  const lines = renderCloudConfig(markers).split('\n');
  return call('join', lines.map((line) => lineValue(line, markers, settings)), '\n');
}

export function customDataValue(settings: Readonly<Record<SettingName, Value>>): Value {
  return base64(cloudConfigValue(settings));
}
