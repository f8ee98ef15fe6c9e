import type { IconProps } from '../app/app-icons.js';
import { PillarStrokeIcon } from '../gateway/gateway-icons.js';

export const UsageIcon = (props: IconProps) => (
  <PillarStrokeIcon {...props}>
    <path d="M4 20V10M10 20V4M16 20v-7M21 20H3" />
  </PillarStrokeIcon>
);

export const PriceTagIcon = (props: IconProps) => (
  <PillarStrokeIcon {...props}>
    <path d="M3 12V4h8l10 10-8 8L3 12Z" />
    <circle cx="7.5" cy="8.5" r="1.5" />
  </PillarStrokeIcon>
);

export const WalletIcon = (props: IconProps) => (
  <PillarStrokeIcon {...props}>
    <rect x="3" y="6" width="18" height="13" rx="2" />
    <path d="M3 10h18M16 14.5h2" />
  </PillarStrokeIcon>
);
