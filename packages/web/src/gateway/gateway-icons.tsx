import type { ReactNode } from 'react';
import type { IconProps } from '../app/app-icons.js';

/** The shell's 24×24 stroke style, for the gateway and billing menu icons. */
export function PillarStrokeIcon({ size = 18, children }: IconProps & { children: ReactNode }) {
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

export const KeyIcon = (props: IconProps) => (
  <PillarStrokeIcon {...props}>
    <circle cx="8" cy="15" r="4" />
    <path d="m11 12 8-8M16 7l2 2M14 9l2 2" />
  </PillarStrokeIcon>
);

export const ChannelIcon = (props: IconProps) => (
  <PillarStrokeIcon {...props}>
    <path d="M4 7h9M4 17h9M13 7c3 0 3 10 7 10M13 17c3 0 3-10 7-10" />
  </PillarStrokeIcon>
);

export const RequestLogIcon = (props: IconProps) => (
  <PillarStrokeIcon {...props}>
    <path d="M4 6h2M4 12h2M4 18h2M9 6h11M9 12h11M9 18h7" />
  </PillarStrokeIcon>
);
