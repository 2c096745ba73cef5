import { render } from 'preact';
import { GuidePage } from '@/components/guide/GuidePage';
import { localizeDocument } from '@/utils/i18n/document';
import { t } from '@/utils/i18n/t';
import '../../components/shared/page.css';
import '../notice/style.css';
import './style.css';

localizeDocument(t('guide.page.title'));
render(<GuidePage />, document.getElementById('app')!);
