import { render } from 'preact';
import { OptionsPage } from '@/components/options/OptionsPage';
import '../popup/style.css';
import '../notice/style.css';
import './style.css';

render(<OptionsPage />, document.getElementById('app')!);
