import { render } from 'preact';
import { TrackersPage } from '@/components/trackers/TrackersPage';
import { localizeDocument } from '@/utils/i18n/document';
import { t } from '@/utils/i18n/t';
import '../../components/shared/page.css';
import '../notice/style.css';

localizeDocument(t('trackers.page.title'));
render(<TrackersPage />, document.getElementById('app')!);
