import { currentLocale } from '@/components/i18n/locale';
import { ShareGone } from '@/components/share/ShareGone';

/** `/s/<a token nobody issued>`: 404, in words. */
export default async function UnknownShareLink() {
  return <ShareGone locale={await currentLocale()} state="unknown" />;
}
