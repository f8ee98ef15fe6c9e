import type { ReactNode } from 'react';

export interface IconProps {
  size?: number;
}

// A handful of 24×24 stroke icons drawn for the console; pillars may add their own the same way.
function StrokeIcon({ size = 18, children }: IconProps & { children: ReactNode }) {
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

export const HomeIcon = (props: IconProps) => (
  <StrokeIcon {...props}>
    <path d="M4 11 12 4l8 7" />
    <path d="M6 10v10h12V10" />
    <path d="M10 20v-5h4v5" />
  </StrokeIcon>
);

export const UserIcon = (props: IconProps) => (
  <StrokeIcon {...props}>
    <circle cx="12" cy="8" r="4" />
    <path d="M4 20c1.5-4 4.5-6 8-6s6.5 2 8 6" />
  </StrokeIcon>
);

export const UsersIcon = (props: IconProps) => (
  <StrokeIcon {...props}>
    <circle cx="9" cy="8" r="3.5" />
    <path d="M2.5 20c1.2-3.5 3.6-5.5 6.5-5.5s5.3 2 6.5 5.5" />
    <path d="M15.5 4.8a3.5 3.5 0 0 1 0 6.4" />
    <path d="M18 14.8c1.6.8 2.8 2.5 3.5 5.2" />
  </StrokeIcon>
);

export const AuditIcon = (props: IconProps) => (
  <StrokeIcon {...props}>
    <rect x="5" y="3.5" width="14" height="17" rx="2" />
    <path d="M9 8h6M9 12h6M9 16h3" />
  </StrokeIcon>
);

export const LogoutIcon = (props: IconProps) => (
  <StrokeIcon {...props}>
    <path d="M14 4H6v16h8" />
    <path d="M10 12h10M17 8l4 4-4 4" />
  </StrokeIcon>
);

export const SearchIcon = (props: IconProps) => (
  <StrokeIcon {...props}>
    <circle cx="11" cy="11" r="6" />
    <path d="m20 20-4.5-4.5" />
  </StrokeIcon>
);

export const MoreIcon = (props: IconProps) => (
  <StrokeIcon {...props}>
    <circle cx="5" cy="12" r="1" />
    <circle cx="12" cy="12" r="1" />
    <circle cx="19" cy="12" r="1" />
  </StrokeIcon>
);

export const BrandMark = ({ size = 28 }: IconProps) => (
  <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
    <rect width="32" height="32" rx="8" fill="var(--mantine-color-indigo-6)" />
    <path d="M7 23 16 9l9 14" stroke="white" strokeWidth="3" fill="none" strokeLinejoin="round" />
    <path d="M11 17h10" stroke="white" strokeWidth="2.5" />
  </svg>
);
