import { screen } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { http, HttpResponse } from 'msw';
import { ArcGISSessionContext } from '@/lib/arcgis/client-context';
import { createArcGISClient } from '@/lib/arcgis/request';
import { createTestQueryClient, renderWithUser } from '../../../../tests/render';
import { PORTAL_URL, issueToken, resetPortal, server } from '../../../../tests/server';
import { MemberUsageChart } from './member-usage-chart';
import { requestParams } from '../../../../tests/request-params';

const USAGE_URL = `${PORTAL_URL}/sharing/rest/portals/self/usage`;

function renderChart(username: string) {
  const token = issueToken('demo_admin');
  const client = createArcGISClient({ portalUrl: PORTAL_URL, getToken: () => token });
  return renderWithUser(
    <QueryClientProvider client={createTestQueryClient()}>
      <ArcGISSessionContext.Provider
        value={{ client, username: 'demo_admin', onSignedInAgain: () => () => {} }}
      >
        <MemberUsageChart username={username} />
      </ArcGISSessionContext.Provider>
    </QueryClientProvider>,
  );
}

beforeEach(() => resetPortal());

describe('MemberUsageChart', () => {
  it('shows a member’s last 90 days by service, with a table alternative', async () => {
    server.use(
      http.all(USAGE_URL, async ({ request }) => {
        const params = await requestParams(request);
        if (params.get('username') !== 'ann' || params.get('period') !== '1d') return undefined;
        const t = Number(params.get('startTime'));
        return HttpResponse.json({
          data: [
            {
              etype: 'svcusg',
              stype: 'geocode',
              credits: [
                [String(t), '1.25'],
                [String(t + 86_400_000), '0'],
              ],
            },
            {
              etype: 'svcusg',
              stype: 'notebooks',
              credits: [
                [String(t), '0'],
                [String(t + 86_400_000), '3'],
              ],
            },
          ],
        });
      }),
    );
    const { user } = renderChart('ann');
    expect(screen.getByRole('status', { name: 'Loading ann’s usage…' })).toBeInTheDocument();
    expect(
      await screen.findByRole('img', {
        name: /ann’s credits by service type, daily, last 90 days: 4.25 credits/,
      }),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /^Show as table.*ann’s usage/ }));
    const table = screen.getByRole('table', { name: /ann’s credits/ });
    expect(table).toHaveTextContent('Geocoding');
    expect(table).toHaveTextContent('Notebooks');
    expect(table).toHaveTextContent('4.25');
  });

  it('says when the member used nothing, and shows errors in place with a retry', async () => {
    server.use(http.all(USAGE_URL, () => HttpResponse.json({ data: [] }), { once: true }));
    renderChart('nobody');
    expect(await screen.findByText('No credits used in the last 90 days.')).toBeInTheDocument();

    server.use(
      http.all(USAGE_URL, () => HttpResponse.json({ error: { code: 500, message: 'Down.', details: [] } })),
    );
    renderChart('someone');
    expect(await screen.findByRole('alert')).toHaveTextContent('Usage could not be loaded');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
