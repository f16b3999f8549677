import type { ReactNode } from 'react';
import { Link, useLocation } from '../app/router';
import { useI18n } from '../lib/i18n';
import './page-tabs.css';

/** One tab: the page it links to and the i18n key of its label. */
export interface PageTab {
  path: string;
  label: string;
}

/**
 * The links between the pages of one area (the office's rules, the organisation), the current one marked as the
 * page; `children` go beside the links (e.g. an area's other links).
 */
export function PageTabs({
  tabs,
  label,
  className,
  children,
}: {
  tabs: PageTab[];
  /** The i18n key naming the navigation. */
  label: string;
  className: string;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const { path } = useLocation();
  return (
    <nav className={`page-tabs ${className}`} aria-label={t(label)}>
      <ul>
        {tabs.map((tab) => (
          <li key={tab.path}>
            <Link to={tab.path} aria-current={path === tab.path ? 'page' : undefined}>
              {t(tab.label)}
            </Link>
          </li>
        ))}
      </ul>
      {children}
    </nav>
  );
}
