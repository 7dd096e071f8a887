import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { Providers } from '../App';
import type { Acknowledgement } from '../desk/applications';
import { translate } from '../i18n/messages';
import type { ServiceEntry } from '../pages/catalogue';
import { Slip, qrDataUrl, verificationUrl } from './Slip';

const service = {
  code: 'driver-licence',
  documents: [{
    applicantType: 'individual',
    items: [
      { code: 'application-form', text: { kk: 'өтініш', ru: 'заявление на бланке', en: 'application form' } },
      { code: 'medical-certificate', text: { kk: 'медициналық анықтама', ru: 'медицинская справка', en: 'medical certificate' } },
    ],
  }],
} as unknown as ServiceEntry;

const slip = {
  applicationId: '00000000-0000-0000-0000-000000000001',
  registrationNumber: '671C3429-2026-000001',
  service: 'driver-licence',
  serviceName: { kk: 'Жүргізуші куәлігін беру', ru: 'Выдача водительских удостоверений', en: 'Driving licences' },
  office: {
    id: '671C3429', name: 'Астана қаласы ІІД ЖПБ ЕТБ', address: 'Алматы ауданы, Промзона көшесі 35',
    names: { kk: 'Астана қаласы ІІД ЖПБ ЕТБ', ru: 'РЭО УДП ДВД г. Астаны', en: 'REO UDP DVD g. Astany' },
    addresses: { kk: 'Алматы ауданы, Промзона көшесі 35', ru: 'район Алматы, ул. Промзона 35', en: 'rayon Almaty, ul. Promzona 35' },
  },
  acceptedBy: {
    fullName: 'Айгерім Болатқызы Сейітова', position: 'Тіркеу-емтихан бөлімшесінің инспекторы',
    positions: {
      kk: 'Тіркеу-емтихан бөлімшесінің инспекторы',
      ru: 'Инспектор регистрационно-экзаменационного отделения',
      en: 'Inspector of the registration and examination office',
    },
  },
  acceptedAt: '2026-03-10T07:30:00Z',
  acceptedAtLocal: '2026-03-10 12:30 (Asia/Almaty)',
  dueAt: '2026-03-11T05:30:00Z',
  dueDate: '2026-03-11',
  applicantName: 'Ахметов Серік',
  documents: ['application-form', 'medical-certificate'],
  nextSteps: { kk: 'келесі қадам', ru: 'следующий шаг', en: 'next step' },
} as unknown as Acknowledgement;

describe('the acknowledgement slip', () => {
  it('is in the applicant’s language on a page in another: titles, times with the hour, signatures, a QR code', async () => {
    render(
      <MemoryRouter>
        <Providers language="en">
          <Slip slip={slip} service={service} language="ru" onNext={() => undefined} />
        </Providers>
      </MemoryRouter>,
    );
    const paper = screen.getByTestId('slip-paper');
    expect(paper.getAttribute('lang')).toBe('ru');
    expect(within(paper).getByRole('heading').textContent).toBe(translate('ru', 'slip.title'));
    const documents = within(paper).getByTestId('slip-documents').textContent!;
    expect(documents).toContain('заявление на бланке');
    expect(documents).toContain('медицинская справка');
    expect(documents).not.toContain('application-form');
    expect(within(paper).getByTestId('slip-due').textContent).toMatch(/11 мар\. 2026 г\., 10:30/);
    expect(within(paper).getByTestId('slip-accepted').textContent).toMatch(/10 мар\. 2026 г\., 12:30/);
    expect(paper.textContent).not.toContain('Asia/Almaty');
    expect(within(paper).getAllByTestId('signature-line')).toHaveLength(2);
    // One language per paper: the office, its address and the clerk's post in Russian too.
    expect(within(paper).getByTestId('slip-office').textContent).toBe('РЭО УДП ДВД г. Астаны, район Алматы, ул. Промзона 35');
    expect(paper.textContent).toContain('Инспектор регистрационно-экзаменационного отделения, Айгерім Болатқызы Сейітова');
    expect(paper.textContent).not.toContain('ІІД');
    expect(paper.textContent).not.toContain('бөлімшесінің');
    const qr = await within(paper).findByTestId('slip-qr');
    expect(qr.getAttribute('data-url')).toBe(verificationUrl('671C3429-2026-000001'));
    expect(qr.getAttribute('alt')).toBe(translate('ru', 'slip.qr'));
    // The buttons are in the page's language, outside the paper.
    const print = screen.getByRole('button', { name: translate('en', 'slip.print') });
    expect(paper.contains(print)).toBe(false);
  });

  it('prints through the browser’s print dialog', () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    render(<MemoryRouter><Providers language="kk"><Slip slip={slip} service={service} /></Providers></MemoryRouter>);
    fireEvent.click(screen.getByTestId('slip-print'));
    expect(print).toHaveBeenCalledTimes(1);
    print.mockRestore();
  });

  it('encodes the status page of the number as an SVG QR code', async () => {
    expect(verificationUrl('A B', 'https://example.kz')).toBe('https://example.kz/status?number=A%20B');
    const url = await qrDataUrl('https://example.kz/status?number=1');
    expect(url.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    expect(decodeURIComponent(url)).toContain('<svg');
  });
});
