set encoding utf8
set terminal pngcairo enhanced size 1800,650 font 'Sans,12'
# outfile is defined by the program that renders the figure; by hand: plot.png
if (!exists("outfile")) outfile = 'plot.png'
set output outfile
set datafile separator comma
set multiplot layout 1,3 title "Sliced W_2 between the data law and the samplers' output, d = 50 (particle engine, ± 2 std errors: directions and particles)\n{/*0.8 standard OU, T = 3, start N(0, I), exact score (c: + ε e_1); grey: the same metric for exact samples of the data of the same size (mean of 5: the Monte Carlo floor)}" font ',15'
set logscale xy
set grid lc rgb '#eeeeee'
set key top right font ',10'
set linetype 1 lc rgb '#0072B2' lw 2 pt 5
set linetype 2 lc rgb '#E69F00' lw 2 pt 9
set linetype 3 lc rgb '#009E73' lw 2 pt 7
set linetype 4 lc rgb '#CC79A7' lw 2 pt 11
set linetype 5 lc rgb '#56B4E9' lw 2 pt 13
set ylabel 'sliced W_2'
set title '(a) 8-component mixture, d = 50, vs N'
set xlabel 'number of steps N'
plot 'data.csv' index 0 using 1:2:(2*$3) with yerrorlines lt 1 title 'em', 'data.csv' index 1 using 1:2:(2*$3) with yerrorlines lt 2 title 'ei', 'data.csv' index 2 using 1:2:(2*$3) with yerrorlines lt 3 title 'eir', 'data.csv' index 3 using 1:2:(2*$3) with yerrorlines lt 4 title 'pf_ode', 'data.csv' index 4 using 1:2:(2*$3) with yerrorlines lt 5 title 'pc', 'data.csv' index 5 using 1:2 with lines lc rgb '#999999' lw 2 dt 2 title 'exact sample'
set title '(b) funnel, d = 50, vs N'
set xlabel 'number of steps N'
plot 'data.csv' index 6 using 1:2:(2*$3) with yerrorlines lt 1 title 'em', 'data.csv' index 7 using 1:2:(2*$3) with yerrorlines lt 2 title 'eir', 'data.csv' index 8 using 1:2:(2*$3) with yerrorlines lt 3 title 'pf_ode', 'data.csv' index 9 using 1:2 with lines lc rgb '#999999' lw 2 dt 2 title 'exact sample'
set title '(c) 8-component mixture, d = 50, N = 100, vs ε'
set xlabel 'additive score error ε'
plot 'data.csv' index 10 using 1:2:(2*$3) with yerrorlines lt 1 title 'em', 'data.csv' index 11 using 1:2:(2*$3) with yerrorlines lt 2 title 'eir', 'data.csv' index 12 using 1:2 with lines lc rgb '#999999' lw 2 dt 2 title 'exact sample'
unset multiplot
