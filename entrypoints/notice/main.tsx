import { render } from 'preact';
import { NoticePage } from '@/components/notice/NoticePage';
import { localizeDocument } from '@/utils/i18n/document';
import { t } from '@/utils/i18n/t';
import '../../components/shared/page.css';
import './style.css';

localizeDocument(t('noticePage.title'));
render(<NoticePage />, document.getElementById('app')!);
