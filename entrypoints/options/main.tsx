import { render } from 'preact';
import { OptionsPage } from '@/components/options/OptionsPage';
import { localizeDocument } from '@/utils/i18n/document';
import { t } from '@/utils/i18n/t';
import '../../components/shared/page.css';
import '../notice/style.css';
import './style.css';

localizeDocument(t('options.title'));
render(<OptionsPage />, document.getElementById('app')!);
