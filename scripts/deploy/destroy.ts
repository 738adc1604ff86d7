/**
 * `destroy`: delete the resource group and everything in it, then wait until
 * it is gone. `az group delete --no-wait` returns at once and
 * `az group wait --deleted` blocks until the deletion ends
 * (https://learn.microsoft.com/cli/azure/group).
 */
import { showAccount } from './account';
import type { CommandContext } from './context';
import { UsageError } from './errors';
import { Steps } from './progress';

export interface DestroyOptions {
  resourceGroup: string;
  yes: boolean;
}

/** Runs the destroy command after a confirmation (or --yes). */
export async function runDestroy(context: CommandContext, options: DestroyOptions): Promise<void> {
  const steps = new Steps(context.out, 3);
  const account = await steps.run('Check the Azure CLI sign-in (az account show)', () => showAccount(context.az));

  if (!options.yes) {
    const question = `Delete resource group ${options.resourceGroup} and every resource in it, in subscription ${account.subscriptionName}?`;
    if (!(await context.confirm(question))) {
      throw new UsageError('destroy not confirmed: nothing was deleted (pass --yes to skip the question)');
    }
  }

  const started = context.now().getTime();
  await steps.run(`Delete resource group ${options.resourceGroup} (az group delete --no-wait)`, () =>
    context.az(['group', 'delete', '--name', options.resourceGroup, '--yes', '--no-wait']),
  );
  await steps.run('Wait until the resource group is gone (az group wait --deleted)', () =>
    context.az(['group', 'wait', '--name', options.resourceGroup, '--deleted']),
  );
  const minutes = ((context.now().getTime() - started) / 60000).toFixed(1);
  context.out.write(`\nResource group ${options.resourceGroup} deleted in ${minutes} min; its resources no longer cost anything.\n`);
}
