/** Reads the signed-in account from `az account show`. */
import type { AzRunner } from './az';

export interface AzureAccount {
  subscriptionId: string;
  subscriptionName: string;
  user: string;
  /** `user` or `servicePrincipal`, as az reports the signed-in identity. */
  userType: string;
}

/** Runs `az account show`, which fails with the CLI's own message when no account is signed in. */
export async function showAccount(az: AzRunner): Promise<AzureAccount> {
  const account = (await az(['account', 'show'])) as
    | { id?: string; name?: string; user?: { name?: string; type?: string } }
    | undefined;
  if (!account?.id) {
    throw new Error('az account show returned no subscription id: run az login, then az account set --subscription <id>');
  }
  return {
    subscriptionId: account.id,
    subscriptionName: account.name ?? account.id,
    user: account.user?.name ?? 'unknown user',
    userType: account.user?.type ?? 'user',
  };
}
