import { render } from 'preact';
import { OptionsPage } from '@/components/options/OptionsPage';
import '../../components/shared/page.css';
import '../notice/style.css';
import './style.css';

render(<OptionsPage />, document.getElementById('app')!);
