/**
 * Lists the virtual machines of a Flexible scale set. Flexible orchestration
 * has no scale-set-level instance list: each instance is an ordinary VM whose
 * `virtualMachineScaleSet.id` names its scale set
 * (https://learn.microsoft.com/azure/virtual-machine-scale-sets/orchestration-modes-api-comparison#list-instances).
 */
import type { AzRunner } from './az';

/** The fields of `az vm list` output that the commands use. */
export interface ScaleSetVm {
  id: string;
  name: string;
  provisioningState?: string;
  timeCreated?: string;
  virtualMachineScaleSet?: { id?: string };
}

/** Runs `az vm list --resource-group` and keeps the VMs of the named scale set. */
export async function listScaleSetVms(az: AzRunner, resourceGroup: string, vmssName: string): Promise<ScaleSetVm[]> {
  const vms = ((await az(['vm', 'list', '--resource-group', resourceGroup])) as ScaleSetVm[] | undefined) ?? [];
  const suffix = `/virtualmachinescalesets/${vmssName.toLowerCase()}`;
  return vms
    .filter((vm) => (vm.virtualMachineScaleSet?.id ?? '').toLowerCase().endsWith(suffix))
    .sort((a, b) => a.name.localeCompare(b.name));
}
