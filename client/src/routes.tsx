import { lazy, Suspense } from 'react';
import { Navigate, type RouteObject } from 'react-router-dom';
import { AppLayout } from './layout/AppLayout';
import { RequireStaff } from './auth/RequireStaff';
import { CataloguePage } from './pages/CataloguePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { Loading } from './components/Loading';

// The public pages other than the catalogue are loaded on first use too (issue 22, 4G): the
// catalogue, where a citizen lands, is drawn with the smallest code.
const ServicePage = lazy(() => import('./pages/ServicePage').then((m) => ({ default: m.ServicePage })));
const OfficesPage = lazy(() => import('./pages/OfficesPage').then((m) => ({ default: m.OfficesPage })));
const SignInPage = lazy(() => import('./pages/SignInPage').then((m) => ({ default: m.SignInPage })));
const StatusCheckPage = lazy(() => import('./pages/StatusCheckPage').then((m) => ({ default: m.StatusCheckPage })));
const FeedbackPage = lazy(() => import('./queue/FeedbackPage').then((m) => ({ default: m.FeedbackPage })));
const HallDisplayPage = lazy(() => import('./queue/HallDisplayPage').then((m) => ({ default: m.HallDisplayPage })));
const KioskPage = lazy(() => import('./queue/KioskPage').then((m) => ({ default: m.KioskPage })));
const later = (element: React.ReactNode) => <Suspense fallback={<Loading />}>{element}</Suspense>;

// The desk's pages are loaded on first use (issue 22, speed): a citizen reading the catalogue on
// a phone never downloads the clerk's forms.
const DeskPage = lazy(() => import('./pages/DeskPage').then((m) => ({ default: m.DeskPage })));
const InboxPage = lazy(() => import('./pages/InboxPage').then((m) => ({ default: m.InboxPage })));
const IntakePage = lazy(() => import('./pages/IntakePage').then((m) => ({ default: m.IntakePage })));
const ApplicationPage = lazy(() => import('./pages/ApplicationPage').then((m) => ({ default: m.ApplicationPage })));
const PersonPage = lazy(() => import('./desk/PersonPage').then((m) => ({ default: m.PersonPage })));
const WorkloadPage = lazy(() => import('./desk/WorkloadPage').then((m) => ({ default: m.WorkloadPage })));
// weapon-registration
const WeaponRegisterPage = lazy(() => import('./weapons/WeaponRegisterPage').then((m) => ({ default: m.WeaponRegisterPage })));
// vehicle-registration
const VehicleRegisterPage = lazy(() => import('./vehicles/VehicleRegisterPage').then((m) => ({ default: m.VehicleRegisterPage })));
// address-certificate
const AddressBureauDeskPage = lazy(() => import('./addressBureau/AddressBureauDeskPage').then((m) => ({ default: m.AddressBureauDeskPage })));
// integrator clients (administrators)
const ClientsPage = lazy(() => import('./admin/ClientsPage').then((m) => ({ default: m.ClientsPage })));
// electronic queue: the clerk's panel (the kiosk, the hall display and the feedback page are public)
// quality indicators (issue 21): the unit head's dashboard, the ministry's view (charts load only here)
const DashboardPage = lazy(() => import('./dashboard/DashboardPage').then((m) => ({ default: m.DashboardPage })));
const MinistryPage = lazy(() => import('./dashboard/MinistryPage').then((m) => ({ default: m.MinistryPage })));
const QueueDeskPage = lazy(() => import('./queue/QueueDeskPage').then((m) => ({ default: m.QueueDeskPage })));

/**
 * Everything under /desk needs a staff session (RequireStaff): the desk itself, the inbox (where
 * sign-in lands), the intake forms and the application page.
 */
export const deskRoutes: RouteObject[] = [
  { index: true, element: <DeskPage /> },
  { path: 'inbox', element: <InboxPage /> },
  // /desk/intake/driver-licence as before; any service the clerk serves (or ?service=), or the chooser.
  { path: 'intake', element: <IntakePage /> },
  { path: 'intake/:service', element: <IntakePage /> },
  { path: 'applications/:id', element: <ApplicationPage /> },
  // unit heads: the office's workload per clerk, and reassignment (?application=)
  { path: 'workload', element: <WorkloadPage /> },
  // an IIN's applications and registers across the services the clerk may see
  { path: 'people/:subject', element: <PersonPage /> },
  // weapon-registration: the register's unit page (?make=&serial=, ?holder=)
  { path: 'weapons', element: <WeaponRegisterPage /> },
  // vehicle-registration: the vehicle's page (?vin=, ?plate=, ?certificate=, ?owner=)
  { path: 'vehicles', element: <VehicleRegisterPage /> },
  // address-certificate: the operator's desk (requests, certificates, list requests)
  { path: 'address-bureau', element: <AddressBureauDeskPage /> },
  // integrator clients: administrators only (the API refuses anyone else)
  { path: 'admin/clients', element: <ClientsPage /> },
  // the clerk's queue panel: today's line, call next, served / no-show
  { path: 'queue', element: <QueueDeskPage /> },
  // unit heads: today's queue, the clerks' applications, the office's indicators
  { path: 'dashboard', element: <DashboardPage /> },
  // auditors: the indicators per region, office and service, with drill-down
  { path: 'ministry', element: <MinistryPage /> },
];

export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <Navigate to="/catalogue" replace /> },
      { path: 'catalogue', element: <CataloguePage /> },
      { path: 'catalogue/:code', element: later(<ServicePage />) },
      { path: 'offices', element: later(<OfficesPage />) },
      { path: 'status', element: later(<StatusCheckPage />) },
      { path: 'sign-in', element: later(<SignInPage />) },
      // public: the office's kiosk and hall display, the feedback link's page
      { path: 'queue/:officeId/kiosk', element: later(<KioskPage />) },
      { path: 'queue/:officeId/display', element: later(<HallDisplayPage />) },
      { path: 'feedback', element: later(<FeedbackPage />) },
      { path: 'desk', element: <Suspense fallback={<Loading />}><RequireStaff /></Suspense>, children: deskRoutes },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
