import { t, type Locale, type Message } from '@/lib/i18n';

/**
 * The outcome of a form in words: an error as an alert, a success as a status line that stays in
 * the page (empty when there is nothing to say) so that screen readers announce it when it changes.
 */
export function FormFeedback({ locale, error = null, notice, noticeClassName }: { locale: Locale; error?: Message | null; notice: Message | null; noticeClassName: string }) {
  return (
    <>
      {error && (
        <p className="form-error" role="alert">
          {t(locale, error.key, error.vars)}
        </p>
      )}
      <p className={noticeClassName} role="status">
        {notice && t(locale, notice.key, notice.vars)}
      </p>
    </>
  );
}
