import { bootPaths, serviceUser } from './settings';

/**
 * Seconds systemd waits after SIGTERM before it kills the service. On SIGTERM the service
 * fails its readiness check, waits DRAIN_DELAY_MS (10 s by default) for the load balancer to
 * notice, then drains in-flight requests for up to SHUTDOWN_TIMEOUT_MS (30 s by default).
 * 90 s covers both defaults and stays inside the scale set's 5-minute terminate notification.
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
