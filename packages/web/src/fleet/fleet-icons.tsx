import type { ReactNode } from 'react';
import type { IconProps } from '../app/app-icons.js';

// Stroke icons in the console's style (24×24, currentColor), drawn for the fleet pages.
function FleetStrokeIcon({ size = 18, children }: IconProps & { children: ReactNode }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export const MachineIcon = (props: IconProps) => (
  <FleetStrokeIcon {...props}>
    <rect x="3.5" y="4" width="17" height="6.5" rx="1.5" />
    <rect x="3.5" y="13.5" width="17" height="6.5" rx="1.5" />
    <path d="M7 7.25h.01M7 16.75h.01M11 7.25h6M11 16.75h6" />
  </FleetStrokeIcon>
);

export const TaskIcon = (props: IconProps) => (
  <FleetStrokeIcon {...props}>
    <rect x="3.5" y="4.5" width="17" height="15" rx="2" />
    <path d="m7.5 10 3 2.5-3 2.5M12.5 15.5h4" />
  </FleetStrokeIcon>
);

export const DashboardIcon = (props: IconProps) => (
  <FleetStrokeIcon {...props}>
    <path d="M4 20V10M10 20V4M16 20v-7M22 20H2" />
  </FleetStrokeIcon>
);

export const GpuIcon = (props: IconProps) => (
  <FleetStrokeIcon {...props}>
    <rect x="5" y="5" width="14" height="14" rx="2" />
    <rect x="9" y="9" width="6" height="6" rx="1" />
    <path d="M9 2v3M15 2v3M9 19v3M15 19v3M2 9h3M2 15h3M19 9h3M19 15h3" />
  </FleetStrokeIcon>
);
