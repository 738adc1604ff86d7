import { bootPaths, serviceUser } from './settings';

/**
 * Seconds systemd waits after SIGTERM before it kills the service. The service fails its
 * health checks first, waits for the load balancer to notice (DRAIN_DELAY_MS, seconds) and
 * then drains in-flight requests, so this leaves room for both and stays inside the scale
 * set's 5-minute terminate notification.
 */
export const stopTimeoutSeconds = 90;

/** Renders the systemd unit that runs the current release as an unprivileged user. */
export function renderServiceUnit(): string {
  const current = `${bootPaths.releaseRoot}/current`;
  return [
    '[Unit]',
    'Description=vmss-autoscaling web service',
    'Wants=network-online.target',
    'After=network-online.target',
    '',
    '[Service]',
    'Type=simple',
    `User=${serviceUser}`,
    `EnvironmentFile=${bootPaths.environmentFile}`,
    // systemd creates this folder, owned by the service user, before every start.
    'StateDirectory=vmss-autoscaling',
    `WorkingDirectory=${bootPaths.stateDirectory}`,
    `ExecStart=${current}/node/bin/node ${current}/service/main.js`,
    'Restart=on-failure',
    'RestartSec=2',
    'KillSignal=SIGTERM',
    `TimeoutStopSec=${stopTimeoutSeconds}`,
    'NoNewPrivileges=yes',
    'ProtectSystem=full',
    'PrivateTmp=yes',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}
