import { lazy, Suspense } from 'react';
import { Navigate, type RouteObject } from 'react-router-dom';
import { AppLayout } from './layout/AppLayout';
import { RequireStaff } from './auth/RequireStaff';
import { CataloguePage } from './pages/CataloguePage';
import { ServicePage } from './pages/ServicePage';
import { OfficesPage } from './pages/OfficesPage';
import { SignInPage } from './pages/SignInPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { StatusCheckPage } from './pages/StatusCheckPage';
import { Loading } from './components/Loading';

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
import { FeedbackPage } from './queue/FeedbackPage';
import { HallDisplayPage } from './queue/HallDisplayPage';
import { KioskPage } from './queue/KioskPage';

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
      { path: 'catalogue/:code', element: <ServicePage /> },
      { path: 'offices', element: <OfficesPage /> },
      { path: 'status', element: <StatusCheckPage /> },
      { path: 'sign-in', element: <SignInPage /> },
      // public: the office's kiosk and hall display, the feedback link's page
      { path: 'queue/:officeId/kiosk', element: <KioskPage /> },
      { path: 'queue/:officeId/display', element: <HallDisplayPage /> },
      { path: 'feedback', element: <FeedbackPage /> },
      { path: 'desk', element: <Suspense fallback={<Loading />}><RequireStaff /></Suspense>, children: deskRoutes },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
