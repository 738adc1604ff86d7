/**
 * `monitor`: shows one snapshot (--once) or refreshes every --interval
 * seconds until interrupted. The scale set, autoscale setting and app URL
 * come from the main deployment's outputs.
 */
import { showAccount } from '../account';
import { readDeploymentOutputs } from '../arm';
import { mainDeploymentName, type CommandContext } from '../context';
import { StepError, describeError } from '../errors';
import { armClient, requireOutput } from '../stages';
import { collectSnapshot } from './collect';
import { renderSnapshot } from './render';

export interface MonitorOptions {
  resourceGroup: string;
  prefix: string;
  /** Seconds between refreshes. */
  interval: number;
  once: boolean;
  /** How far back to list autoscale events, in hours. */
  eventHours: number;
  /** Clears the terminal before each refresh. */
  clearScreen: boolean;
}

/** Autoscale's CPU window in this project's topology when the setting cannot be read. */
const FALLBACK_WINDOW = 'PT5M';

export async function runMonitor(context: CommandContext, options: MonitorOptions): Promise<void> {
  const mainName = mainDeploymentName(options.prefix);
  let target: { vmssName: string; autoscaleSettingName: string; appUrl?: string };
  try {
    const account = await showAccount(context.az);
    const outputs = await readDeploymentOutputs(armClient(context, account.subscriptionId), options.resourceGroup, mainName);
    if (outputs === undefined) {
      throw new Error(`deployment ${mainName} not found in ${options.resourceGroup}: run make deploy first`);
    }
    target = {
      vmssName: requireOutput(outputs, 'vmssName', mainName),
      autoscaleSettingName: requireOutput(outputs, 'autoscaleSettingName', mainName),
      appUrl: typeof outputs.appUrl === 'string' ? outputs.appUrl : undefined,
    };
  } catch (error) {
    throw new StepError('Read the main deployment outputs', describeError(error));
  }

  for (;;) {
    const snapshot = await collectSnapshot({
      az: context.az,
      resourceGroup: options.resourceGroup,
      ...target,
      now: context.now(),
      fallbackWindow: FALLBACK_WINDOW,
      eventHours: options.eventHours,
    });
    if (options.clearScreen) {
      context.out.write('\x1b[2J\x1b[H');
    }
    context.out.write(renderSnapshot(snapshot));
    if (options.once) {
      return;
    }
    context.out.write(`\nRefreshing every ${options.interval} s. Press Ctrl+C to stop.\n`);
    await context.sleep(options.interval * 1000);
  }
}
