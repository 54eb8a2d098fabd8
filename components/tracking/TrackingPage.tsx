import type { ReactNode } from 'react';
import { AppHeader, type HeaderPage, type HeaderPerson } from '@/components/shell/AppHeader';
import type { Locale } from '@/lib/i18n';
import styles from './tracking.module.css';

/** The frame of 我的任务, 跟踪 and 看板: the header with the page marked, its title and lead, and a control beside them. */
export function TrackingPage(props: { locale: Locale; person: HeaderPerson; current: Extract<HeaderPage, 'tasks' | 'tracking' | 'dashboard'>; title: string; lead: string; aside?: ReactNode; children: ReactNode }) {
  const titleId = `${props.current}-title`;
  return (
    <>
      <AppHeader locale={props.locale} person={props.person} current={props.current} />
      <main className={`page ${styles.wide}`}>
        <section className="page__main" aria-labelledby={titleId}>
          <header className={props.aside ? styles.pageHead : undefined}>
            <div>
              <h1 id={titleId} className="page__title">
                {props.title}
              </h1>
              <p className="panel__hint">{props.lead}</p>
            </div>
            {props.aside}
          </header>
          {props.children}
        </section>
      </main>
    </>
  );
}
