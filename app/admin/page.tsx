import { redirect } from 'next/navigation';
import { AddPersonForm } from '@/components/admin/AddPersonForm';
import { DepartmentsPanel } from '@/components/admin/DepartmentsPanel';
import { PeopleTable } from '@/components/admin/PeopleTable';
import { currentLocale } from '@/components/i18n/locale';
import { AppHeader } from '@/components/shell/AppHeader';
import { NoAccess } from '@/components/shell/NoAccess';
import { t } from '@/lib/i18n';
import { concord } from '@/server/context';
import { sessionUser } from '@/server/http/auth';

/** Administration: people and departments (administrators only; others are told so). */
export default async function AdminPage() {
  const user = await sessionUser();
  if (!user) redirect('/signin?callbackUrl=/admin');
  const locale = await currentLocale();
  if (!user.isAdmin) {
    return (
      <>
        <AppHeader locale={locale} person={user} current="admin" />
        <NoAccess locale={locale} title={t(locale, 'admin.forbidden.title')} lead={t(locale, 'admin.forbidden.lead')} />
      </>
    );
  }
  const { commands, store } = concord();
  const [people, departmentList] = await Promise.all([commands.searchPeople(null, 1000), store.people.listDepartments()]);
  const departments = departmentList.map((d) => ({ ...d, people: people.filter((p) => p.departmentName === d.name).length }));
  const names = departments.map((d) => d.name);
  return (
    <>
      <AppHeader locale={locale} person={user} current="admin" />
      <main className="page">
        <div className="page__main">
          <div>
            <h1 className="page__title">{t(locale, 'admin.title')}</h1>
            <p className="panel__hint">{t(locale, 'admin.lead')}</p>
          </div>
          <PeopleTable locale={locale} people={people} departments={names} selfId={user.id} />
        </div>
        <aside className="page__aside stack">
          <div className="panel">
            <AddPersonForm locale={locale} departments={names} />
          </div>
          <div className="panel">
            <DepartmentsPanel locale={locale} departments={departments} people={people} />
          </div>
        </aside>
      </main>
    </>
  );
}
