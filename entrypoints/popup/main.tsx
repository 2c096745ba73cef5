import { render } from 'preact';
import { Popup } from '@/components/popup/Popup';
import { localizeDocument } from '@/utils/i18n/document';
import { t } from '@/utils/i18n/t';
import '../../components/shared/page.css';

localizeDocument(t('manifest.actionTitle'));
render(<Popup />, document.getElementById('app')!);
